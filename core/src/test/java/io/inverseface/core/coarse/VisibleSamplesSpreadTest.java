package io.inverseface.core.coarse;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample subset of the photo-consistency term: even, and stable when the visible set changes a little. */
class VisibleSamplesSpreadTest {

    @Test
    void fewerCandidatesThanSamplesAreAllKept() {
        int[] chosen = {5, 9, 12};
        assertThat(VisibleSamples.spread(chosen, 3, 10)).containsExactly(5, 9, 12);
        assertThat(VisibleSamples.spread(chosen, 2, 10)).containsExactly(5, 9);
    }

    @Test
    void theSubsetIsInListOrderAndThinsARunEvenly() {
        int[] run = IntStream.range(1000, 5000).toArray();
        int[] out = VisibleSamples.spread(run, run.length, 1000);
        assertThat(out).hasSize(1000).isSorted();
        assertThat(new HashSet<>(Arrays.stream(out).boxed().toList())).hasSize(1000);
        // a quarter of a contiguous run: no gap more than twice the mean stride of 4
        for (int i = 1; i < out.length; i++) {
            assertThat(out[i] - out[i - 1]).as("gap at %d", i).isLessThanOrEqualTo(8);
        }
    }

    /**
     * A pose that shows a few vertices more or fewer changes only a few samples. The even stride over the
     * list it replaces shifted nearly every sample along when one vertex early in the list went.
     */
    @Test
    void removingAFewCandidatesChangesOnlyAFewSamples() {
        int[] all = IntStream.range(0, 4000).map(i -> 3 * i + 7).toArray();
        int[] fewer = Arrays.stream(all).filter(v -> v != all[10] && v != all[500] && v != all[2000]).toArray();
        Set<Integer> a = new HashSet<>(Arrays.stream(VisibleSamples.spread(all, all.length, 1000)).boxed().toList());
        Set<Integer> b = new HashSet<>(Arrays.stream(VisibleSamples.spread(fewer, fewer.length, 1000)).boxed().toList());
        Set<Integer> common = new HashSet<>(a);
        common.retainAll(b);
        assertThat(common.size()).isGreaterThanOrEqualTo(1000 - 6);
    }

    @Test
    void anotherShiftIsAnotherEquallyEvenSubset() {
        int[] run = IntStream.range(1000, 5000).toArray();
        int[] a = VisibleSamples.spread(run, run.length, 1000, 0);
        int[] b = VisibleSamples.spread(run, run.length, 1000, 3);
        assertThat(b).hasSize(1000).isSorted();
        Set<Integer> common = new HashSet<>(Arrays.stream(a).boxed().toList());
        common.retainAll(Arrays.stream(b).boxed().toList());
        assertThat(common.size()).isLessThan(500);
        for (int i = 1; i < b.length; i++) {
            assertThat(b[i] - b[i - 1]).as("gap at %d", i).isLessThanOrEqualTo(8);
        }
        assertThat(VisibleSamples.spread(run, run.length, 1000, 0)).isEqualTo(VisibleSamples.spread(run, run.length, 1000));
    }
}
