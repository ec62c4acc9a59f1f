package org.mlregistry.examples.reliability;

/**
 * The suite's figures, printed last as one line.
 *
 * @param claims runs claimed and finished by part (a)'s library workers
 * @param doubles runs claimed by two workers while leased (part a)
 * @param lost queued runs never claimed (part a)
 * @param stuck runs claimed and never finished (part a)
 * @param faults backends killed (part b)
 * @param violations failed invariants (part b) and failed privilege checks (part d)
 * @param inputs hostile inputs given (part c)
 * @param untyped failures the workers caught that were neither transient nor a refusal they expect
 *     (parts a and b), hostile inputs whose outcome was neither a typed refusal nor a verbatim
 *     acceptance (part c), and the read-only role's writes not refused typed (part d)
 */
public record Summary(long claims, long doubles, long lost, long stuck, long faults, long violations, long inputs,
        long untyped) {

    /** @return {@code reliability: claims=… double=… lost=… stuck=… faults=… violations=… inputs=… untyped=…} */
    public String line() {
        return "reliability: claims=" + claims + " double=" + doubles + " lost=" + lost + " stuck=" + stuck + " faults="
                + faults + " violations=" + violations + " inputs=" + inputs + " untyped=" + untyped;
    }
}
