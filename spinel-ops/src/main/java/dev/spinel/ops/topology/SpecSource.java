package dev.spinel.ops.topology;

/** Where a spec came from, so that a problem can be pinned to a file line or a flag. */
public interface SpecSource {

    /** A prefix that locates {@code field}, such as {@code spinel.yaml:7: sentinel.quorum} or {@code --quorum}. */
    String locate(String field);

    /** Specs given as command-line flags: fields are shown as the flags that set them. */
    static SpecSource flags() {
        return field -> switch (field) {
            case "sentinel.count" -> "--sentinels";
            case "sentinel.quorum" -> "--quorum";
            case "sentinel.master-name" -> "--master-name";
            case "sentinel.port-base" -> "--sentinel-port-base";
            case "sentinel.down-after-milliseconds" -> "--down-after";
            case "hosts" -> "--host";
            case "settings" -> "--set";
            default -> field.startsWith("settings.") ? "--set " + field.substring("settings.".length()) : "--" + field;
        };
    }
}
