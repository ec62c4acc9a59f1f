package org.mlregistry.core.internal;

/**
 * Writes the small JSON documents the API binds as jsonb parameters (containment probes, audit
 * keys). Not part of the public API.
 */
public final class JsonText {

    private JsonText() {
    }

    /**
     * A JSON string literal for s: quotes, backslashes and control characters escaped.
     *
     * @param s the text to quote, not null
     * @return s in double quotes, escaped
     */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * {@code {"key": value}} where value is already JSON (a literal, number or boolean).
     *
     * @param key the member's name, quoted here
     * @param jsonValue the member's value as JSON text, written as it is
     * @return a JSON object of that one member
     */
    public static String object(String key, String jsonValue) {
        return "{" + quote(key) + ":" + jsonValue + "}";
    }
}
