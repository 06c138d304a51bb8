package dev.spinel.ops.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RESP replies as the connection returns them (bulk and status replies as bytes, integers as
 * Long, arrays as lists) turned into the Strings, lists and maps the parsers read.
 */
final class RawReplies {
    private RawReplies() {
    }

    /** A bulk or status reply as text; null stays null (a missing value). */
    static String text(Object reply) {
        if (reply == null) {
            return null;
        }
        return reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
    }

    static long number(Object reply) {
        return reply instanceof Long value ? value : Long.parseLong(text(reply));
    }

    /** An array reply with every bulk string, at any depth, as text; integers stay Long. */
    static List<Object> list(Object reply) {
        List<Object> items = new ArrayList<>();
        if (reply instanceof List<?> raw) {
            for (Object item : raw) {
                items.add(item instanceof List<?> ? list(item) : item instanceof Long ? item : text(item));
            }
        }
        return items;
    }

    /** A flat array of field, value, field, value... (SENTINEL MASTER, CONFIG GET) as a map. */
    static Map<String, String> map(Object reply) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (reply instanceof List<?> flat) {
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                fields.put(text(flat.get(i)), text(flat.get(i + 1)));
            }
        }
        return fields;
    }

    /** An array of flat field arrays (SENTINEL REPLICAS, SENTINEL SENTINELS). */
    static List<Map<String, String>> maps(Object reply) {
        List<Map<String, String>> entries = new ArrayList<>();
        if (reply instanceof List<?> raw) {
            raw.forEach(entry -> entries.add(map(entry)));
        }
        return entries;
    }
}
