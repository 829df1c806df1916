package io.vigil.alerting.spi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageTest {

    private static final List<Integer> FIFTY = IntStream.rangeClosed(1, 50).boxed().collect(Collectors.toList());

    @Test
    void sliceCutsTheRequestedPage() {
        Page<Integer> p = Page.slice(FIFTY, 3, 20); // seed 003: total 50, pageSize 20, 3 pages
        assertThat(p.items()).containsExactlyElementsOf(FIFTY.subList(40, 50));
        assertThat(p.page()).isEqualTo(3);
        assertThat(p.total()).isEqualTo(50);
        assertThat(p.totalPages()).isEqualTo(3);
        assertThat(Page.slice(FIFTY, 1, 20).items()).hasSize(20);
    }

    @Test
    void pagesPastTheEndAreEmptyButKeepTheTotal() {
        Page<Integer> p = Page.slice(FIFTY, 9, 20);
        assertThat(p.items()).isEmpty();
        assertThat(p.total()).isEqualTo(50);
        assertThat(Page.slice(List.of(), 1, 20).totalPages()).isZero();
        assertThat(Page.slice(FIFTY, Integer.MAX_VALUE, PageRequest.MAX_PAGE_SIZE).items()).isEmpty();
    }

    @Test
    void invalidPagesAreRejected() {
        assertThatThrownBy(() -> Page.slice(FIFTY, 0, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Page.slice(FIFTY, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Page<>(List.of(), 1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itemsAreCopied() {
        java.util.ArrayList<Integer> items = new java.util.ArrayList<>(List.of(1, 2));
        Page<Integer> p = new Page<>(items, 1, 20, 2);
        items.add(3);
        assertThat(p.items()).containsExactly(1, 2);
    }

    @Test
    void pageRequests() {
        assertThat(PageRequest.first()).isEqualTo(new PageRequest(1, PageRequest.DEFAULT_PAGE_SIZE));
        assertThat(PageRequest.all().pageSize()).isEqualTo(PageRequest.MAX_PAGE_SIZE);
        assertThat(PageRequest.of(2, 50).page()).isEqualTo(2);
        assertThatThrownBy(() -> PageRequest.of(0, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageRequest.of(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageRequest.of(1, PageRequest.MAX_PAGE_SIZE + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
