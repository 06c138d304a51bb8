package dev.spinel.ops;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Options and fields whose value is one of an enum's, written as users type them: lower case, '-' for '_'. */
public final class Choices {
    private Choices() {
    }

    /** {@code value} as one of {@code values}, or a bad-input error naming the option (or field) and listing the choices. */
    public static <E extends Enum<E>> E of(String option, String value, Class<E> values) {
        for (E candidate : values.getEnumConstants()) {
            if (spelled(candidate).equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        throw new SpinelException(SpinelException.Kind.BAD_INPUT, option + " " + value + ": expected one of "
                + Arrays.stream(values.getEnumConstants()).map(Choices::spelled).collect(Collectors.joining(", ")));
    }

    private static String spelled(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
