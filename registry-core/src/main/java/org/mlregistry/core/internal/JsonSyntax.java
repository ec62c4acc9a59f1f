package org.mlregistry.core.internal;

/**
 * A strict syntax check of JSON text as PostgreSQL's jsonb input reads it (RFC 8259; no trailing
 * commas, no NUL escapes), building no values. Lenient parsers accept what PostgreSQL refuses, so
 * the check is hand-written here rather than borrowed.
 */
final class JsonSyntax {
    private final String s;
    private int i;

    JsonSyntax(String s) {
        this.s = s;
    }

    boolean isObject() {
        try {
            ws();
            if (peek() != '{') {
                return false;
            }
            value(0);
            ws();
            return i == s.length();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private char peek() {
        if (i >= s.length()) {
            throw new IllegalArgumentException("end of input");
        }
        return s.charAt(i);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new IllegalArgumentException("expected " + c);
        }
        i++;
    }

    private void ws() {
        while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
    }

    private void value(int depth) {
        if (depth > 1000) {
            throw new IllegalArgumentException("too deep");
        }
        ws();
        char c = peek();
        switch (c) {
            case '{' -> {
                i++;
                ws();
                if (peek() == '}') {
                    i++;
                    return;
                }
                while (true) {
                    ws();
                    string();
                    ws();
                    expect(':');
                    value(depth + 1);
                    ws();
                    if (peek() == ',') {
                        i++;
                    } else {
                        expect('}');
                        return;
                    }
                }
            }
            case '[' -> {
                i++;
                ws();
                if (peek() == ']') {
                    i++;
                    return;
                }
                while (true) {
                    value(depth + 1);
                    ws();
                    if (peek() == ',') {
                        i++;
                    } else {
                        expect(']');
                        return;
                    }
                }
            }
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void literal(String word) {
        if (!s.startsWith(word, i)) {
            throw new IllegalArgumentException("expected " + word);
        }
        i += word.length();
    }

    private void string() {
        expect('"');
        while (true) {
            char c = peek();
            i++;
            if (c == '"') {
                return;
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("control character in string");
            }
            if (c == '\\') {
                char e = peek();
                i++;
                if (e == 'u') {
                    for (int k = 0; k < 4; k++) {
                        if (Character.digit(peek(), 16) < 0) {
                            throw new IllegalArgumentException("bad \\u escape");
                        }
                        i++;
                    }
                    if (s.regionMatches(true, i - 4, "0000", 0, 4)) {
                        throw new IllegalArgumentException("\\u0000 is not allowed in jsonb");
                    }
                    char unit = (char) Integer.parseInt(s.substring(i - 4, i), 16);
                    if (Character.isLowSurrogate(unit)) {
                        throw new IllegalArgumentException("unpaired low surrogate escape");
                    }
                    if (Character.isHighSurrogate(unit) && !(s.regionMatches(true, i, "\\u", 0, 2) && i + 6 <= s.length()
                            && Character.isLowSurrogate((char) Integer.parseInt(hex(s.substring(i + 2, i + 6)), 16)))) {
                        throw new IllegalArgumentException("unpaired high surrogate escape");
                    }
                    if (Character.isHighSurrogate(unit)) {
                        i += 6;
                    }
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    throw new IllegalArgumentException("bad escape");
                }
            }
        }
    }

    private static String hex(String text) {
        for (int k = 0; k < text.length(); k++) {
            if (Character.digit(text.charAt(k), 16) < 0) {
                return "0";
            }
        }
        return text;
    }

    private void number() {
        int start = i;
        if (i < s.length() && s.charAt(i) == '-') {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '0') {
            i++;
        } else {
            digits();
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            digits();
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            digits();
        }
        if (i == start) {
            throw new IllegalArgumentException("expected a value");
        }
    }

    private void digits() {
        int start = i;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
            i++;
        }
        if (i == start) {
            throw new IllegalArgumentException("expected digits");
        }
    }
}
