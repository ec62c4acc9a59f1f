package org.mlregistry.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot service using mlregistry through {@code registry-spring-boot-starter}: the starter
 * migrates the library's schemas on the application's data source ({@code spring.datasource.*})
 * and provides a {@code Registry} bean that joins the service's transactions.
 */
@SpringBootApplication
public class TrainingApplication {

    /**
     * Starts the service.
     *
     * @param args Spring Boot's arguments, e.g. {@code --spring.datasource.url=jdbc:postgresql://…}
     */
    public static void main(String[] args) {
        SpringApplication.run(TrainingApplication.class, args);
    }
}
