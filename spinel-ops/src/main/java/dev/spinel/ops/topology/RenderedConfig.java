package dev.spinel.ops.topology;

/**
 * A config file as rendered by the planner. The password is a placeholder, so a plan can be
 * printed without revealing it; the executor puts the real secret in when it writes the file.
 */
public record RenderedConfig(String node, String path, String template) {
    static final String PASSWORD = "${spinel.password}";

    public String withPassword(String password) {
        return template.replace(PASSWORD, quote(password));
    }

    /** The config as {@code spinel plan} shows it: every secret replaced by a pointer to it. */
    public String redacted() {
        return template.replace(PASSWORD, "<secret: spinel secret>");
    }

    /** A redis.conf argument in double quotes, escaped as Redis's config parser reads it. */
    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
