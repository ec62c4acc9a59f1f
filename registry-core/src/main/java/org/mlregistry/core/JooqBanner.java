package org.mlregistry.core;

/**
 * Keeps jOOQ's logo and "tip of the day" out of a service's log. jOOQ 3.19 prints both once, at
 * INFO, when its render context class initializes (the first statement rendered in the JVM),
 * unless the system properties {@value #NO_LOGO} and {@value #NO_TIPS} are {@code true}; there is
 * no {@code Settings} switch. The {@link Registry} class sets both before it renders anything,
 * unless the service set them itself (an explicit {@code false} is kept). A service whose own jOOQ
 * code renders a statement before it first touches {@code Registry} has to pass
 * {@code -Dorg.jooq.no-logo=true -Dorg.jooq.no-tips=true} (or set them first thing in
 * {@code main}).
 */
final class JooqBanner {

    static final String NO_LOGO = "org.jooq.no-logo";
    static final String NO_TIPS = "org.jooq.no-tips";

    private JooqBanner() {
    }

    static void silence() {
        try {
            if (System.getProperty(NO_LOGO) == null) {
                System.setProperty(NO_LOGO, "true");
            }
            if (System.getProperty(NO_TIPS) == null) {
                System.setProperty(NO_TIPS, "true");
            }
        } catch (SecurityException e) {
            // a security manager forbids it: jOOQ then prints its banner, nothing worse
        }
    }
}
