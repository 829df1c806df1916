package io.vigil.collectors.ipmi;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the IPMI tools on {@code PATH} and in the {@code sbin} directories where distributions
 * put FreeIPMI ({@code /usr/sbin/ipmi-sensors}) but which are often not on a service's path.
 */
final class ToolLocator {
    static final String IPMI_SENSORS = "ipmi-sensors";
    static final String IPMI_DCMI = "ipmi-dcmi";
    static final String IPMITOOL = "ipmitool";
    private static final List<String> EXTRA_DIRECTORIES = List.of("/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin", "/bin");

    private final List<Path> directories;

    /** Searches exactly {@code directories}, in order. */
    ToolLocator(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    /** Searches the directories of a {@code PATH} value, then the usual sbin and bin directories. */
    ToolLocator(String pathVariable) {
        this(directoriesOf(pathVariable));
    }

    private static List<Path> directoriesOf(String pathVariable) {
        Set<String> dirs = new LinkedHashSet<>();
        if (pathVariable != null) {
            for (String d : pathVariable.split(File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(d);
                }
            }
        }
        dirs.addAll(EXTRA_DIRECTORIES);
        List<Path> paths = new ArrayList<>();
        dirs.forEach(d -> paths.add(Path.of(d)));
        return paths;
    }

    static ToolLocator fromEnvironment() {
        return new ToolLocator(System.getenv("PATH"));
    }

    /** The first executable file called {@code program}. */
    Optional<Path> find(String program) {
        for (Path dir : directories) {
            Path candidate = dir.resolve(program);
            if (isExecutableFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static boolean isExecutableFile(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }
}
