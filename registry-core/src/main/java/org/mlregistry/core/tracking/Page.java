package org.mlregistry.core.tracking;

import java.util.List;
import java.util.Optional;

/**
 * One keyset page of runs.
 *
 * @param runs the page's runs, in order
 * @param nextToken opaque token for {@link RunSearch.Paged#after(String)}, empty on the last page
 */
public record Page(List<Run> runs, Optional<String> nextToken) {

    /**
     * Copies the runs.
     *
     * @param runs the page's runs, copied
     * @param nextToken the next token; null is taken as empty
     */
    public Page {
        runs = List.copyOf(runs);
        nextToken = nextToken == null ? Optional.empty() : nextToken;
    }

    /**
     * @return whether a further page exists
     */
    public boolean hasNext() {
        return nextToken.isPresent();
    }
}
