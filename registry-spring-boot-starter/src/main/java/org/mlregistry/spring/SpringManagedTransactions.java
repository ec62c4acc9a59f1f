package org.mlregistry.spring;

import org.jooq.Transaction;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * jOOQ transactions as Spring transactions of propagation {@code NESTED}: inside a Spring
 * transaction a savepoint of it, outside a transaction of their own. The same bridge as Spring
 * Boot's jOOQ auto-configuration's, for services without it (Boot 4 without {@code spring-boot-jooq}).
 */
final class SpringManagedTransactions implements TransactionProvider {

    private static final TransactionDefinition NESTED =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

    private final PlatformTransactionManager transactionManager;

    SpringManagedTransactions(PlatformTransactionManager transactionManager) {
        this.transactionManager = transactionManager;
    }

    @Override
    public void begin(TransactionContext context) {
        context.transaction(new Status(transactionManager.getTransaction(NESTED)));
    }

    @Override
    public void commit(TransactionContext context) {
        transactionManager.commit(status(context));
    }

    @Override
    public void rollback(TransactionContext context) {
        transactionManager.rollback(status(context));
    }

    private static TransactionStatus status(TransactionContext context) {
        return ((Status) context.transaction()).status();
    }

    private record Status(TransactionStatus status) implements Transaction {
    }
}
