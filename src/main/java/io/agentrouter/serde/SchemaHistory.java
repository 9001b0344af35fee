package io.agentrouter.serde;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * Earlier versions of the project's schemas, kept as files in {@code schemas/history} and listed in
 * its {@code INDEX}. When a schema changes, its previous version is copied there so that records
 * already on the topics (written with the old fingerprint) stay readable.
 */
public final class SchemaHistory {

    static final String INDEX = "/schemas/history/INDEX";

    private SchemaHistory() {
    }

    public static List<Schema> earlierVersionsOf(Class<?> type) {
        String fullName = SpecificData.get().getSchema(type).getFullName();
        List<Schema> matching = new ArrayList<>();
        for (String file : indexedFiles()) {
            Schema schema = parse(file);
            if (schema.getFullName().equals(fullName)) {
                matching.add(schema);
            }
        }
        return matching;
    }

    /** File names listed in the history index (comments and blank lines skipped). */
    public static List<String> indexedFiles() {
        List<String> files = new ArrayList<>();
        try (InputStream in = SchemaHistory.class.getResourceAsStream(INDEX)) {
            if (in == null) {
                return files;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    files.add(name);
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema parse(String file) {
        try (InputStream in = SchemaHistory.class.getResourceAsStream("/schemas/history/" + file)) {
            if (in == null) {
                throw new IllegalStateException("schemas/history/INDEX lists " + file + " but it is missing");
            }
            // every history file is self-contained: named types it uses are defined inline
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
