package io.inverseface.compute.opencl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OpenClVendorsTest {

    @Test
    void listsTheLibraryOfEveryVendorFileWithoutLoadingOpenCl() throws IOException {
        Path vendors = Path.of("/etc/OpenCL/vendors");
        assumeTrue(System.getenv("OCL_ICD_VENDORS") == null && Files.isDirectory(vendors), "no ICD vendor files here");
        long files;
        try (Stream<Path> s = Files.list(vendors)) {
            files = s.filter(p -> p.toString().endsWith(".icd")).count();
        }
        assertThat(OpenClVendors.libraries()).hasSize((int) files).allSatisfy(l -> assertThat(l).isNotBlank()
                .doesNotContain("\n"));
        assertThat(OpenClVendors.onlyPocl())
                .isEqualTo(files > 0 && OpenClVendors.libraries().stream().allMatch(l -> l.contains("pocl")));
    }
}
