package org.mlregistry.core.internal;

/**
 * SemVer 2.0.0 syntax, the rule of {@code registry.model_versions.valid_semver}, checked by a loop
 * over dot-separated identifiers: a regular expression with a repeated group recurses once per
 * identifier in {@code java.util.regex} and overflows the stack on a few thousand of them. Not part
 * of the public API.
 */
public final class SemVer {

    private SemVer() {
    }

    /**
     * @param version the text
     * @return whether it is {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]} without leading zeros
     */
    public static boolean isValid(String version) {
        int plus = version.indexOf('+');
        String head = plus < 0 ? version : version.substring(0, plus);
        if (plus >= 0 && !identifiers(version.substring(plus + 1), false)) {
            return false;
        }
        int dash = head.indexOf('-');
        String core = dash < 0 ? head : head.substring(0, dash);
        if (dash >= 0 && !identifiers(head.substring(dash + 1), true)) {
            return false;
        }
        String[] parts = core.split("\\.", -1);
        if (parts.length != 3) {
            return false;
        }
        for (String part : parts) {
            if (!isNumber(part)) {
                return false;
            }
        }
        return true;
    }

    /** Dot-separated, non-empty identifiers of [0-9A-Za-z-]; in a pre-release, numbers have no leading zero. */
    private static boolean identifiers(String text, boolean preRelease) {
        String[] ids = text.split("\\.", -1);
        for (String id : ids) {
            if (id.isEmpty()) {
                return false;
            }
            boolean numeric = true;
            for (int i = 0; i < id.length(); i++) {
                char c = id.charAt(i);
                boolean digit = c >= '0' && c <= '9';
                if (!digit && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && c != '-') {
                    return false;
                }
                numeric &= digit;
            }
            if (preRelease && numeric && !isNumber(id)) {
                return false;
            }
        }
        return true;
    }

    /** 0, or digits without a leading zero. */
    private static boolean isNumber(String text) {
        if (text.isEmpty() || (text.length() > 1 && text.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
