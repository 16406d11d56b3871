package io.github.video2gif.cuda;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one status check: codes become exceptions that name the call, the code and its name; no GPU needed. */
class CudaStatusTest {
    @Test
    void successPassesForEveryLibrary() {
        for (CudaLibrary library : CudaLibrary.values()) {
            assertThatCode(() -> CudaStatus.check(library, "anything", 0)).doesNotThrowAnyException();
        }
    }

    @Test
    void codesMapToTheHeadersNames() {
        assertThat(CudaLibrary.CUDART.codeName(2)).isEqualTo("cudaErrorMemoryAllocation");
        assertThat(CudaLibrary.CUDART.codeName(35)).isEqualTo("cudaErrorInsufficientDriver");
        assertThat(CudaLibrary.CUDART.codeName(100)).isEqualTo("cudaErrorNoDevice");
        assertThat(CudaLibrary.CUDART.codeName(700)).isEqualTo("cudaErrorIllegalAddress");
        assertThat(CudaLibrary.DRIVER.codeName(2)).isEqualTo("CUDA_ERROR_OUT_OF_MEMORY");
        assertThat(CudaLibrary.DRIVER.codeName(100)).isEqualTo("CUDA_ERROR_NO_DEVICE");
        assertThat(CudaLibrary.CUBLAS.codeName(3)).isEqualTo("CUBLAS_STATUS_ALLOC_FAILED");
        assertThat(CudaLibrary.CUBLAS.codeName(13)).isEqualTo("CUBLAS_STATUS_EXECUTION_FAILED");
        assertThat(CudaLibrary.CUDNN.codeName(2000)).isEqualTo("CUDNN_STATUS_BAD_PARAM");
        assertThat(CudaLibrary.CUDNN.codeName(3000)).isEqualTo("CUDNN_STATUS_NOT_SUPPORTED");
        assertThat(CudaLibrary.CUDNN.codeName(4003)).isEqualTo("CUDNN_STATUS_INTERNAL_ERROR_HOST_ALLOCATION_FAILED");
        assertThat(CudaLibrary.NVRTC.codeName(6)).isEqualTo("NVRTC_ERROR_COMPILATION");
        for (CudaLibrary library : CudaLibrary.values()) {
            assertThat(library.codeName(0)).as(library.title()).containsAnyOf("Success", "SUCCESS");
        }
    }

    @Test
    void unknownCodesStillGetAName() {
        assertThat(CudaLibrary.CUDNN.knows(123456)).isFalse();
        assertThat(CudaLibrary.CUDNN.codeName(123456)).isEqualTo("unknown status 123456");
        assertThatThrownBy(() -> CudaStatus.cudnn("cudnnSomething", 123456))
                .isInstanceOf(CudaException.class)
                .hasMessageStartingWith("cudnnSomething failed: cuDNN status 123456 unknown status 123456");
    }

    @Test
    void aFailureNamesTheCallTheCodeAndItsName() {
        assertThatThrownBy(() -> CudaStatus.cudnn("cudnnConvolutionForward(conv3a, batch 8)", 3000))
                .isInstanceOfSatisfying(CudaException.class, e -> {
                    assertThat(e.library()).isEqualTo(CudaLibrary.CUDNN);
                    assertThat(e.call()).isEqualTo("cudnnConvolutionForward(conv3a, batch 8)");
                    assertThat(e.code()).isEqualTo(3000);
                    assertThat(e.codeName()).isEqualTo("CUDNN_STATUS_NOT_SUPPORTED");
                    assertThat(e.getMessage()).startsWith("cudnnConvolutionForward(conv3a, batch 8) failed: cuDNN "
                            + "status 3000 CUDNN_STATUS_NOT_SUPPORTED");
                });
        assertThatThrownBy(() -> CudaStatus.cublas("cublasSgemm", 13))
                .hasMessageStartingWith("cublasSgemm failed: cuBLAS status 13 CUBLAS_STATUS_EXECUTION_FAILED");
        assertThatThrownBy(() -> CudaStatus.nvrtc("nvrtcCompileProgram", 6))
                .hasMessageStartingWith("nvrtcCompileProgram failed: NVRTC status 6 NVRTC_ERROR_COMPILATION");
        assertThatThrownBy(() -> CudaStatus.driver("cuLaunchKernel", 700))
                .hasMessageStartingWith("cuLaunchKernel failed: CUDA driver status 700 CUDA_ERROR_ILLEGAL_ADDRESS");
    }

    @Test
    void outOfMemoryAndOldDriversSayWhatToDo() {
        assertThatThrownBy(() -> CudaStatus.cuda("cudaMalloc(1000 bytes for conv1a)", 2))
                .hasMessageContaining("cudaErrorMemoryAllocation")
                .hasMessageContaining("out of memory; lower cuda.batch");
        assertThatThrownBy(() -> CudaStatus.cublas("cublasCreate", 3)).hasMessageContaining("out of memory");
        assertThatThrownBy(() -> CudaStatus.cuda("cudaGetDeviceCount", 35))
                .hasMessageContaining("driver is older than the CUDA 13 runtime needs");
        assertThatThrownBy(() -> CudaStatus.cuda("cudaGetDeviceCount", 100))
                .hasMessageContaining("no CUDA GPU is visible");
    }
}
