package org.mlregistry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * What PostgreSQL does with lab 02's CHECK patterns as the lab wrote them, next to the patterns the
 * migrations use instead (RegistryConstraintsTest): each pattern applied to values by a query.
 */
class LabRulesAsWrittenTest extends DatabaseTest {

    private static boolean matches(String operator, String value, String pattern) {
        return db().fetchValue(DSL.field("{0} " + operator + " {1}", Boolean.class, DSL.val(value), DSL.val(pattern)));
    }

    /** L2.P3.39: in [a-z0-9-_], "9-_" is a range from '9' down to '_', so the pattern cannot be compiled. */
    @Test
    void theLabsDatasetNamePatternIsAnInvalidRegularExpression() {
        Throwable thrown = catchThrowable(() -> matches("~", "customer-reviews-2024", "^[a-z0-9-_]+$"));

        PSQLException error = ((DataAccessException) thrown).getCause(PSQLException.class);
        assertThat(error.getSQLState()).isEqualTo("2201B");
        assertThat(error.getServerErrorMessage().getMessage()).isEqualTo("invalid regular expression: invalid character range");
    }

    /** L2.P3.30: the lab's semver pattern refuses valid SemVer 2.0.0 versions and accepts a leading zero. */
    @Test
    void theLabsSemverPatternRefusesValidVersionsAndAcceptsALeadingZero() {
        String lab = "^\\d+\\.\\d+\\.\\d+(-[a-z0-9]+)?$";

        assertThat(List.of("1.0.0-rc.1", "1.0.0-RC1", "1.0.0-alpha.beta.1", "1.0.0+build.5", "01.0.0", "1.2.3-beta"))
                .filteredOn(version -> matches("~", version, lab))
                .containsExactly("01.0.0", "1.2.3-beta");
    }

    /** L2.P3.13: inside a bracket expression "|" is a literal, so the lab's top-level domain may contain it. */
    @Test
    void theLabsEmailPatternAcceptsABarInTheTopLevelDomain() {
        String lab = "^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Z|a-z]{2,}$";

        assertThat(matches("~*", "a@b.c|m", lab)).isTrue();
    }
}
