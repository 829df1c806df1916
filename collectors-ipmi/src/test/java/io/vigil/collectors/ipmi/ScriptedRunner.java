package io.vigil.collectors.ipmi;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A command runner answering from a script, by the last word of the program name; records every command. */
final class ScriptedRunner implements CommandRunner {
    /** One scripted answer. */
    interface Answer {
        CommandResult answer(Command command, Duration timeout) throws IOException;
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Command> commands = new ArrayList<>();
    private final List<Duration> timeouts = new ArrayList<>();

    ScriptedRunner on(String program, Answer answer) {
        answers.put(program, answer);
        return this;
    }

    ScriptedRunner on(String program, int exit, String stdout, String stderr) {
        return on(program, (c, t) -> new CommandResult(exit, stdout, stderr, false, Duration.ofMillis(10)));
    }

    @Override
    public synchronized CommandResult run(Command command, Duration timeout) throws IOException {
        commands.add(command);
        timeouts.add(timeout);
        String program = command.program().substring(command.program().lastIndexOf('/') + 1);
        Answer answer = answers.get(program);
        if (answer == null) {
            throw new IOException("no such program in the script: " + program);
        }
        return answer.answer(command, timeout);
    }

    synchronized List<Command> commands() {
        return List.copyOf(commands);
    }

    synchronized List<Duration> timeouts() {
        return List.copyOf(timeouts);
    }

    synchronized long count(String program) {
        return commands.stream().filter(c -> c.program().endsWith("/" + program)).count();
    }
}
