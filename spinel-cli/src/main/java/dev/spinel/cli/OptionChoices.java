package dev.spinel.cli;

import dev.spinel.ops.SpinelException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Options whose value is one of an enum's, written as users type them: lower case, '-' for '_'. */
final class OptionChoices {
    private OptionChoices() {
    }

    /** {@code value} as one of {@code values}, or a bad-input error naming the option and listing the choices. */
    static <E extends Enum<E>> E of(String option, String value, Class<E> values) {
        for (E candidate : values.getEnumConstants()) {
            if (spelled(candidate).equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        throw new SpinelException(SpinelException.Kind.BAD_INPUT, option + " " + value + ": expected one of "
                + Arrays.stream(values.getEnumConstants()).map(OptionChoices::spelled).collect(Collectors.joining(", ")));
    }

    private static String spelled(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
