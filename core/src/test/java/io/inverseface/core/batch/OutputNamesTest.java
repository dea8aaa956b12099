package io.inverseface.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputNamesTest {

    @Test
    void namesAreReadableStableAndDistinctWhereSanitisingWouldCollide() {
        String a = OutputNames.forId("a/b_c.png"), b = OutputNames.forId("a_b/c.png");

        assertThat(a).startsWith("a_b_c-").doesNotContain("/");
        assertThat(b).startsWith("a_b_c-");
        assertThat(a).isNotEqualTo(b);
        assertThat(OutputNames.forId("a/b_c.png")).isEqualTo(a);
    }

    @Test
    void oddIdsStillGiveOnePlainVisibleSegment() {
        assertThat(OutputNames.forId("../../etc/passwd")).doesNotStartWith(".").doesNotContain("/");
        assertThat(OutputNames.forId("hdfs://cluster/x/photo 1.JPG")).matches("[A-Za-z0-9._-]+")
                .startsWith("hdfs___cluster_x_photo_1-");
        assertThat(OutputNames.forId("x".repeat(500)).length()).isLessThan(100);
        assertThat(OutputNames.forId("...")).startsWith("item-");
    }
}
