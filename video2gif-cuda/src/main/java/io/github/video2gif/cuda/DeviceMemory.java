package io.github.video2gif.cuda;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A block of GPU memory ({@code cudaMalloc}) or of page-locked host memory ({@code cudaMallocHost}), with its
 * size; {@link #close()} frees it once. Pointers into it are made from addresses, never from JavaCPP positions,
 * so that no offset is ever scaled by the wrong element size.
 */
final class DeviceMemory implements AutoCloseable {
    private final long address;
    private final long bytes;
    private final boolean pinnedHost;
    private boolean freed;

    private DeviceMemory(long address, long bytes, boolean pinnedHost) {
        this.address = address;
        this.bytes = bytes;
        this.pinnedHost = pinnedHost;
    }

    /** Allocates {@code bytes} of GPU memory for {@code what} (named in the error if it fails). */
    static DeviceMemory device(long bytes, String what) {
        Pointer p = new Pointer();
        CudaStatus.cuda("cudaMalloc(" + bytes + " bytes for " + what + ")", cudart.cudaMalloc(p, Math.max(1, bytes)));
        return new DeviceMemory(p.address(), bytes, false);
    }

    /** Allocates {@code bytes} of page-locked host memory, which copies to and from the GPU asynchronously. */
    static DeviceMemory pinned(long bytes, String what) {
        Pointer p = new Pointer();
        CudaStatus.cuda("cudaMallocHost(" + bytes + " bytes for " + what + ")",
                cudart.cudaMallocHost(p, Math.max(1, bytes)));
        return new DeviceMemory(p.address(), bytes, true);
    }

    long address() {
        return address;
    }

    long bytes() {
        return bytes;
    }

    /** A pointer to the start. */
    Pointer pointer() {
        return at(0);
    }

    /** A pointer {@code offset} bytes in. */
    Pointer at(long offset) {
        if (offset < 0 || offset > bytes) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside " + bytes + " bytes");
        }
        return new Address(address + offset);
    }

    /** Writes {@code length} floats from {@code src[offset..]} at {@code byteOffset} (pinned host memory only). */
    void putFloats(long byteOffset, float[] src, int offset, int length) {
        hostRange(byteOffset, 4L * length);
        FloatPointer p = new FloatPointer(new Address(address + byteOffset));
        p.capacity(length).limit(length);
        p.put(src, offset, length);
    }

    /** Writes {@code length} ints from {@code src[offset..]} at {@code byteOffset} (pinned host memory only). */
    void putInts(long byteOffset, int[] src, int offset, int length) {
        hostRange(byteOffset, 4L * length);
        IntPointer p = new IntPointer(new Address(address + byteOffset));
        p.capacity(length).limit(length);
        p.put(src, offset, length);
    }

    /** Reads {@code length} floats at {@code byteOffset} into {@code dst[offset..]} (pinned host memory only). */
    void getFloats(long byteOffset, float[] dst, int offset, int length) {
        hostRange(byteOffset, 4L * length);
        FloatPointer p = new FloatPointer(new Address(address + byteOffset));
        p.capacity(length).limit(length);
        p.get(dst, offset, length);
    }

    private void hostRange(long byteOffset, long length) {
        if (!pinnedHost) {
            throw new IllegalStateException("not host memory");
        }
        if (byteOffset < 0 || length < 0 || byteOffset + length > bytes) {
            throw new IndexOutOfBoundsException(length + " bytes at " + byteOffset + " outside " + bytes + " bytes");
        }
    }

    @Override
    public void close() {
        if (freed) {
            return;
        }
        freed = true;
        if (pinnedHost) {
            CudaStatus.cuda("cudaFreeHost", cudart.cudaFreeHost(new Address(address)));
        } else {
            CudaStatus.cuda("cudaFree", cudart.cudaFree(new Address(address)));
        }
    }

    /** A bare pointer to an address (position 0, no deallocator). */
    static final class Address extends Pointer {
        Address(long address) {
            this.address = address;
        }
    }
}
