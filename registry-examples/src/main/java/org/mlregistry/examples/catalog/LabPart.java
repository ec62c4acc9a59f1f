package org.mlregistry.examples.catalog;

import java.util.Arrays;

/** The parts of the two labs that hold examples, with the lab's heading of each, verbatim. */
public enum LabPart {
    L1_P1("L1.P1", "Part 1: Environment Setup"),
    L1_P2("L1.P2", "Part 2: Schema Creation"),
    L1_P3("L1.P3", "Part 3: Seed Data"),
    L1_P4("L1.P4", "Part 4: Read Operations"),
    L1_P5("L1.P5", "Part 5: Update Operations"),
    L1_P6("L1.P6", "Part 6: Delete Operations"),
    L1_P7("L1.P7", "Part 7: Transactions"),
    L1_P8("L1.P8", "Part 8: Advanced Queries"),
    L1_P9("L1.P9", "Part 9: Challenge Solutions"),
    L1_V("L1.V", "Verification & Testing"),
    L2_P3("L2.P3", "Part 3: Schema Implementation"),
    L2_P4("L2.P4", "Part 4: Testing the Schema"),
    L2_P5("L2.P5", "Part 5: Complex Queries Across Relationships"),
    L2_P6("L2.P6", "Part 6: Best Practices and Production Considerations"),
    L2_P7("L2.P7", "Part 7: Hands-On Challenges");

    private final String prefix;
    private final String heading;

    LabPart(String prefix, String heading) {
        this.prefix = prefix;
        this.heading = heading;
    }

    /** The id prefix of the part's statements, e.g. {@code "L1.P4"}. */
    public String prefix() {
        return prefix;
    }

    /** The lab's heading of the part, e.g. {@code "Part 4: Read Operations"}. */
    public String heading() {
        return heading;
    }

    /**
     * The part a statement id belongs to, e.g. {@link #L1_P4} for {@code "L1.P4.03"}.
     *
     * @throws IllegalArgumentException when no part with examples has that prefix
     */
    public static LabPart of(String id) {
        String prefix = id.substring(0, id.lastIndexOf('.'));
        return Arrays.stream(values()).filter(part -> part.prefix.equals(prefix)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No lab part with examples for id '" + id + "'"));
    }
}
