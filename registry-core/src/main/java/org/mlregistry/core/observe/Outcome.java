package org.mlregistry.core.observe;

/**
 * How a registry operation ended, as the {@code outcome} tag of its metrics: the same split as
 * {@code org.mlregistry.core.error} (every {@code RegistryException} is refused xor transient),
 * plus {@link #FAILED} for anything else (a bug or a caller's callback throwing).
 */
public enum Outcome {
    /** It returned normally. */
    SUCCESS("success"),
    /** It threw a {@code RefusedException}: retrying the same call cannot help. */
    REFUSED("refused"),
    /** It threw a {@code TransientException}: timeout, lost connection, deadlock, serialization failure. */
    TRANSIENT("transient"),
    /** It threw something that is not a {@code RegistryException}. */
    FAILED("failed");

    private final String tag;

    Outcome(String tag) {
        this.tag = tag;
    }

    /**
     * The outcome as a metric tag value.
     *
     * @return {@code success}, {@code refused}, {@code transient} or {@code failed}
     */
    public String tag() {
        return tag;
    }
}
