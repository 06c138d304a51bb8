package dev.spinel.ops.process;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Redis version as {@code redis-server --version} prints it ("Redis server v=7.0.15 ..."). */
public record RedisVersion(int major, int minor, int patch) implements Comparable<RedisVersion> {
    public static final RedisVersion MINIMUM = new RedisVersion(7, 0, 0);
    private static final Pattern VERSION = Pattern.compile("v=(\\d+)\\.(\\d+)\\.(\\d+)");

    public static Optional<RedisVersion> parse(String versionOutput) {
        Matcher matcher = VERSION.matcher(versionOutput);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(new RedisVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3))));
    }

    public boolean isSupported() {
        return compareTo(MINIMUM) >= 0;
    }

    @Override
    public int compareTo(RedisVersion other) {
        int byMajor = Integer.compare(major, other.major);
        if (byMajor != 0) {
            return byMajor;
        }
        int byMinor = Integer.compare(minor, other.minor);
        return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
