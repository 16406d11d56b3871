package io.github.video2gif.cuda;

import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.ProviderUnavailableException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The probe never throws, says why, and remembers. Runs everywhere; some checks need the machine to lack a GPU. */
class CudaProbeTest {
    @Test
    void probingNeverThrowsAndAnUnavailableDeviceSaysWhy() {
        CudaProbe.Result r = CudaProbe.probe(0);
        if (r.availability().available()) {
            assertThat(r.device()).isPresent();
            assertThat(r.device().get().computeCapability()).isGreaterThanOrEqualTo(CudaProbe.MIN_COMPUTE_CAPABILITY);
        } else {
            assertThat(r.device()).isEmpty();
            assertThat(r.availability().reason()).isNotBlank()
                    .containsAnyOf("CUDA", "cuDNN", "cuBLAS", "NVRTC", "driver", "device");
        }
    }

    @Test
    void theResultIsRemembered() {
        assertThat(CudaProbe.probe(0)).isSameAs(CudaProbe.probe(0));
    }

    @Test
    void aDeviceIndexOutOfRangeIsUnavailable() {
        assertThat(CudaProbe.availability(-1)).isEqualTo(Availability.no(
                "cuda.device must be a device index >= 0, was -1"));
        Availability far = CudaProbe.availability(1000);
        assertThat(far.available()).isFalse();
        assertThat(far.reason()).isNotBlank();
    }

    @Test
    void withoutAGpuTheReasonNamesWhatIsMissing() {
        Availability a = CudaProbe.availability(0);
        assumeFalse(a.available(), "this machine has a usable GPU");
        // here: no driver and no CUDA; the reason names the library that failed and what it needs
        assertThat(a.reason()).containsAnyOf("cannot be loaded", "no CUDA device", "driver");
        assertThatThrownBy(() -> CudaProbe.require(0))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("The CUDA backend cannot run here: " + a.reason());
    }
}
