package org.mlregistry.spring.app;

import javax.sql.DataSource;
import org.mlregistry.spring.Sql;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A service as a user writes it: Boot's DataSource, jOOQ and Flyway, and the starter; a fresh database. */
@SpringBootApplication
public class TrackingApplication {

    /** The application's data source: a new, empty database on the test server. */
    @Bean
    DataSource dataSource() {
        return Sql.freshDatabase();
    }
}
