package io.agentrouter.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One block cache and one write-buffer budget for every RocksDB store of the process (the router's
 * window stores, one RocksDB per segment per partition). Kafka Streams' default gives each instance
 * its own 50 MB cache and three 16 MB memtables, so off-heap memory grew with partitions and
 * segments; this keeps it at {@link #TOTAL_BYTES}, memtables included (Kafka Streams memory
 * management guide). Override with {@code kafka.rocksdb.config.setter}.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    static final long TOTAL_BYTES = 64L << 20;
    private static final long MEMTABLE_BYTES = 32L << 20;

    // shared by every store instance, for the life of the process: never closed per store
    private static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setWriteBufferSize(8L << 20);
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write-buffer manager are shared: closing them here would break the other stores
    }
}
