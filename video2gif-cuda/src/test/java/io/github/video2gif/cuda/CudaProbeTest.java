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
        // building a GPU model fails the same way, before any native call
        assertThatThrownBy(() -> new GpuC3dNetwork(RandomC3dWeights.of(new int[] {1, 1, 1, 1, 1, 1, 1, 1}, 2, 1),
                GpuC3dNetwork.Options.of(Precision.FP32)))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining(a.reason());
        assertThatThrownBy(() -> new GpuMlp(java.util.List.of(new GpuMlp.Layer(2, 1, new float[2], new float[1])),
                0, 4)).isInstanceOf(ProviderUnavailableException.class).hasMessageContaining(a.reason());
    }

    @Test
    void linkFailuresShowTheDynamicLinkersMessage() {
        UnsatisfiedLinkError inner = new UnsatisfiedLinkError("/x/libjnicudnn.so: libcudnn.so.9: cannot open shared"
                + " object file: No such file or directory");
        UnsatisfiedLinkError outer = new UnsatisfiedLinkError("no jnicudnn in java.library.path");
        outer.initCause(inner);
        assertThat(CudaProbe.linkFailure(outer)).contains("libcudnn.so.9: cannot open shared object file");
        assertThat(CudaProbe.linkFailure(new UnsatisfiedLinkError("no jnicudnn"))).isEqualTo("no jnicudnn");
    }
}
