package dev.spinel.ops.web;

import java.util.Locale;

/** Human-readable sizes as Redis prints them ({@code used_memory_human}: 1.02M, 3.50G). */
final class Units {
    private Units() {
    }

    static String bytes(long bytes) {
        String[] units = {"B", "K", "M", "G", "T"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + "B" : String.format(Locale.ROOT, "%.2f%s", value, units[unit]);
    }
}
