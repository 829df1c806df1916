package io.vigil.alerting.spi;

import java.util.List;

/**
 * One page of a query's results (seed 003 {@code pagination}).
 *
 * @param items    the page's items
 * @param page     1-based page number
 * @param pageSize requested page size
 * @param total    number of matching items over all pages
 */
public record Page<T>(List<T> items, int page, int pageSize, long total) {
    public Page {
        items = List.copyOf(items);
        if (page < 1 || pageSize < 1 || total < 0) {
            throw new IllegalArgumentException("page and pageSize start at 1, total at 0");
        }
    }

    public int totalPages() {
        return (int) ((total + pageSize - 1) / pageSize);
    }

    /** The page {@code page} of size {@code pageSize} out of an already filtered and sorted list. */
    public static <T> Page<T> slice(List<T> all, int page, int pageSize) {
        if (page < 1 || pageSize < 1) {
            throw new IllegalArgumentException("page and pageSize start at 1");
        }
        int from = (int) Math.min((long) (page - 1) * pageSize, all.size());
        int to = (int) Math.min((long) from + pageSize, all.size());
        return new Page<>(all.subList(from, to), page, pageSize, all.size());
    }
}
