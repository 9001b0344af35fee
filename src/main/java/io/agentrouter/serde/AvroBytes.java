package io.agentrouter.serde;

import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable, unsynchronized byte buffer that writes Avro's binary encoding of the primitive types
 * (the specification's "Binary Encoding": zig-zag varints, little-endian doubles, length-prefixed
 * UTF-8) without Avro's encoder between the caller and the bytes, and is also the stream Avro's own
 * encoder writes into ({@link AvroSerde}). Reused: {@link #reset()} before each datum.
 */
final class AvroBytes extends OutputStream {

    private static final VarHandle LITTLE_ENDIAN_DOUBLE =
            MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes = new byte[8192];
    private int size;

    void reset() {
        size = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    void writeRaw(byte[] raw) {
        write(raw, 0, raw.length);
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    /** An int's zig-zag varint is the same as that of the int widened to a long. */
    void writeInt(int n) {
        writeLong(n);
    }

    void writeLong(long n) {
        ensure(10);
        long z = (n << 1) ^ (n >> 63);
        while ((z & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        bytes[size++] = (byte) z;
    }

    void writeDouble(double d) {
        ensure(8);
        LITTLE_ENDIAN_DOUBLE.set(bytes, size, d); // one store instead of eight
        size += 8;
    }

    /** Ids and reasons are ASCII almost always: copied char by char, with UTF-8 encoding as the fallback. */
    void writeString(String s) {
        int length = s.length();
        int start = size;
        writeLong(length);
        ensure(length);
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                size = start;
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                writeLong(utf8.length);
                writeRaw(utf8);
                return;
            }
            bytes[size++] = (byte) c;
        }
    }

    /** A union of null and something: the branch index, then (when not null) the value. */
    boolean writeNullIndex(Object value) {
        writeInt(value == null ? 0 : 1);
        return value != null;
    }

    void writeNullableString(String value) {
        if (writeNullIndex(value)) {
            writeString(value);
        }
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
