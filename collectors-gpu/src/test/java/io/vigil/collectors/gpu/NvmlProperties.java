package io.vigil.collectors.gpu;

import com.sun.jna.Memory;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure conversions of what NVML writes into memory. */
class NvmlProperties {

    @Property(tries = 500)
    void aCStringEndsAtTheFirstNulOrTheBufferEnd(@ForAll @Size(max = 96) byte[] buffer) {
        String decoded = Nvml.cString(buffer);

        int end = 0;
        while (end < buffer.length && buffer[end] != 0) {
            end++;
        }
        assertThat(decoded).isEqualTo(new String(Arrays.copyOf(buffer, end), StandardCharsets.UTF_8));
        assertThat(decoded).doesNotContain("\u0000");
    }

    @Property(tries = 200)
    void aCStringReadFromNativeMemoryRoundTrips(@ForAll @Size(max = 95) String text) {
        byte[] bytes = text.replace('\u0000', ' ').getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= Nvml.STRING_BUFFER_SIZE) {
            return;
        }
        try (Memory memory = new Memory(Nvml.STRING_BUFFER_SIZE)) {
            memory.setMemory(0, Nvml.STRING_BUFFER_SIZE, (byte) 0x5A); // garbage after the terminator
            memory.write(0, bytes, 0, bytes.length);
            memory.setByte(bytes.length, (byte) 0);

            assertThat(Nvml.cString(memory.getByteArray(0, Nvml.STRING_BUFFER_SIZE)))
                    .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Property(tries = 1000)
    void unsignedLongsBecomeTheNearestDouble(@ForAll long bits) {
        BigInteger unsigned = new BigInteger(Long.toUnsignedString(bits));

        assertThat(Nvml.unsignedToDouble(bits)).isEqualTo(new BigDecimal(unsigned).doubleValue());
        assertThat(Nvml.unsignedToDouble(bits)).isNotNegative();
    }

    @Example
    void theLargestUnsignedLongIsTwoToThe64() {
        assertThat(Nvml.unsignedToDouble(-1L)).isEqualTo(Math.pow(2, 64));
    }

    @Property(tries = 300)
    void cudaVersionsReadAsMajorDotMinor(@ForAll @IntRange(min = 1, max = 99) int major,
                                         @ForAll @IntRange(min = 0, max = 9) int minor) {
        assertThat(Nvml.cudaVersion(major * 1000 + minor * 10)).isEqualTo(major + "." + minor);
    }

    @Property(tries = 500)
    void throttleReasonsDecodeEveryKnownBitAndNothingElse(@ForAll long mask) {
        long known = 0;
        for (ThrottleReason reason : ThrottleReason.values()) {
            known |= reason.bit();
        }

        long decoded = ThrottleReason.decode(mask).stream().mapToLong(ThrottleReason::bit).reduce(0, (a, b) -> a | b);

        assertThat(decoded).isEqualTo(mask & known);
    }

    @Example
    void throttleReasonBitsAreNvmls() {
        assertThat(ThrottleReason.GPU_IDLE.bit()).isEqualTo(0x1L);
        assertThat(ThrottleReason.SW_POWER_CAP.bit()).isEqualTo(0x4L);
        assertThat(ThrottleReason.HW_SLOWDOWN.bit()).isEqualTo(0x8L);
        assertThat(ThrottleReason.HW_THERMAL_SLOWDOWN.bit()).isEqualTo(0x40L);
        assertThat(ThrottleReason.DISPLAY_CLOCK_SETTING.bit()).isEqualTo(0x100L);
        assertThat(Arrays.stream(ThrottleReason.values()).map(ThrottleReason::label))
                .doesNotHaveDuplicates().allMatch(label -> label.matches("[a-z_]+"));
    }
}
