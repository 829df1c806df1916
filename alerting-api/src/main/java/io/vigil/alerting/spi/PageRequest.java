package io.vigil.alerting.spi;

/** Which page to return; pages start at 1, sizes are capped at {@link #MAX_PAGE_SIZE}. */
public record PageRequest(int page, int pageSize) {
    public static final int MAX_PAGE_SIZE = 1000;
    public static final int DEFAULT_PAGE_SIZE = 20;

    public PageRequest {
        if (page < 1) {
            throw new IllegalArgumentException("page starts at 1, was " + page);
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1 to " + MAX_PAGE_SIZE + ", was " + pageSize);
        }
    }

    public static PageRequest first() {
        return new PageRequest(1, DEFAULT_PAGE_SIZE);
    }

    public static PageRequest of(int page, int pageSize) {
        return new PageRequest(page, pageSize);
    }

    /** Everything on one page (up to the maximum size). */
    public static PageRequest all() {
        return new PageRequest(1, MAX_PAGE_SIZE);
    }
}
