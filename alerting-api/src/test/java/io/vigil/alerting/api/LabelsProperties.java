package io.vigil.alerting.api;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class LabelsProperties {

    @Provide
    Arbitrary<Map<String, String>> labelMaps() {
        return Arbitraries.maps(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(6),
                Arbitraries.strings().ofMaxLength(6)).ofMaxSize(8);
    }

    @Property(tries = 200)
    void equalityIsIndependentOfInsertionOrder(@ForAll("labelMaps") Map<String, String> map, @ForAll long seed) {
        List<String> names = new ArrayList<>(map.keySet());
        Collections.shuffle(names, new Random(seed));
        String[] pairs = new String[names.size() * 2];
        for (int i = 0; i < names.size(); i++) {
            pairs[2 * i] = names.get(i);
            pairs[2 * i + 1] = map.get(names.get(i));
        }
        Labels shuffled = Labels.of(pairs);
        Labels fromMap = Labels.of(map);
        assertThat(shuffled).isEqualTo(fromMap);
        assertThat(shuffled.hashCode()).isEqualTo(fromMap.hashCode());
        assertThat(shuffled.compareTo(fromMap)).isZero();
        assertThat(shuffled.asMap()).isEqualTo(new TreeMap<>(map));
    }

    @Property(tries = 200)
    void mergeEqualsAMapUnionWithTheRightSideWinning(@ForAll("labelMaps") Map<String, String> left,
                                                      @ForAll("labelMaps") Map<String, String> right) {
        Map<String, String> expected = new HashMap<>(left);
        expected.putAll(right);
        assertThat(Labels.of(left).merge(Labels.of(right))).isEqualTo(Labels.of(expected));
    }

    @Property(tries = 200)
    void compareToIsConsistentWithEquals(@ForAll("labelMaps") Map<String, String> a, @ForAll("labelMaps") Map<String, String> b) {
        Labels x = Labels.of(a);
        Labels y = Labels.of(b);
        assertThat(x.compareTo(y) == 0).isEqualTo(x.equals(y));
        assertThat(Integer.signum(x.compareTo(y))).isEqualTo(-Integer.signum(y.compareTo(x)));
    }
}
