package org.bdisuite.exporter.customerservice.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.bdisuite.exporter.common.ExporterClock;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.customerservice.api.BulkIngestVo;
import org.bdisuite.exporter.customerservice.api.EventTimes;
import org.bdisuite.exporter.customerservice.api.ServiceEndRequest;
import org.bdisuite.exporter.customerservice.api.ServiceRequest;
import org.bdisuite.exporter.customerservice.persistence.CustomerServiceStore;
import org.bdisuite.exporter.customerservice.persistence.CustomerServiceStore.Events;
import org.bdisuite.exporter.customerservice.persistence.CustomerServiceStore.NewService;
import org.bdisuite.exporter.customerservice.persistence.CustomerServiceStore.ServiceSink;
import org.bdisuite.model.api.ErrorBody.Violation;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.error.ResourceNotFoundException;
import org.bdisuite.runtime.http.LimitedInputStream;

/** The services stream's ingest: start, end (idempotent), read, and the all-or-nothing bulk NDJSON load. */
@ApplicationScoped
public class CustomerServiceIngest {

    private static final int MAX_TYPE = 100;
    private static final int MAX_CUSTOMER_ID = 200;
    /** One NDJSON line (one service) may not be larger than this, so that a line without an end cannot fill the heap. */
    static final int MAX_LINE_CHARS = 1024 * 1024;

    private static final String MAX_BULK_SIZE = "suite.exporter.services.max-bulk-size";

    private final CustomerServiceStore store;
    private final ObjectMapper mapper;
    private final ExporterClock clock;

    private final long maxBulkBytes;

    public CustomerServiceIngest(
            CustomerServiceStore store, ObjectMapper mapper, ExporterClock clock, ExporterConfig config) {
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
        this.maxBulkBytes = config.services().maxBulkSize().asLongValue();
    }

    @Transactional
    public long start(ServiceRequest request) {
        return store.insert(validated(request));
    }

    /** The end event: completes the service; completing it again changes nothing. Returns the service's JSON. */
    @Transactional
    public String end(long id, ServiceEndRequest request) {
        Events events = store.lockEvents(id).orElseThrow(() -> notFound(id));
        if (events.completedAt() == null) {
            OffsetDateTime end = EventTimes.parseOr("endTime", request == null ? null : request.endTime(), clock.now());
            if (end.isBefore(events.startedAt())) {
                throw InvalidRequestException.forField(
                        "endTime",
                        end + " is before the service's start " + events.startedAt()
                                + "; allowed: a time at or after the start");
            }
            store.complete(id, end);
        }
        return json(id);
    }

    @Transactional
    public String json(long id) {
        return store.json(id).orElseThrow(() -> notFound(id));
    }

    /**
     * Stores one service per line of NDJSON, read as it arrives and copied into PostgreSQL with COPY in one
     * transaction: a bad line stores nothing (400 naming the line), nor does a body larger than
     * suite.exporter.services.max-bulk-size (413; counted as it is read, never buffered). Blank lines are skipped.
     */
    public BulkIngestVo bulk(InputStream body) throws IOException {
        if (body == null) {
            throw InvalidRequestException.forField("body", "NDJSON is required: one service object per line");
        }
        InputStream limited = new LimitedInputStream(body, maxBulkBytes, MAX_BULK_SIZE);
        BufferedReader lines = new BufferedReader(new InputStreamReader(limited, StandardCharsets.UTF_8), 64 * 1024);
        long[] counts = new long[2];
        long stored = store.copyIn(sink -> copyLines(lines, sink, counts));
        if (stored != counts[0]) {
            throw new IllegalStateException("COPY stored " + stored + " of " + counts[0] + " services");
        }
        return new BulkIngestVo(counts[0], counts[1]);
    }

    /** Validates each line and hands it to the COPY; counts the services and the completed ones among them. */
    private void copyLines(BufferedReader lines, ServiceSink sink, long[] counts) throws IOException {
        StringBuilder line = new StringBuilder();
        long number = 0;
        while (readLine(lines, line, number + 1)) {
            number++;
            if (line.toString().isBlank()) {
                continue;
            }
            NewService service = parseLine(line.toString(), number);
            sink.add(service);
            counts[0]++;
            counts[1] += service.completedAt() == null ? 0 : 1;
        }
    }

    /** Reads one line (without its LF / CRLF) into {@code line}; false at the end of the body. */
    private static boolean readLine(BufferedReader in, StringBuilder line, long number) throws IOException {
        line.setLength(0);
        int c = in.read();
        if (c < 0) {
            return false;
        }
        while (c >= 0 && c != '\n') {
            if (line.length() == MAX_LINE_CHARS) {
                throw lineError(number, "is longer than " + MAX_LINE_CHARS + " characters");
            }
            line.append((char) c);
            c = in.read();
        }
        if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        return true;
    }

    private NewService parseLine(String line, long number) {
        ServiceRequest request;
        try {
            request = mapper.readValue(line, ServiceRequest.class);
        } catch (JsonProcessingException e) {
            throw lineError(number, "is not a service JSON object {type, customerId, content, startTime, endTime}");
        }
        try {
            return validated(request);
        } catch (InvalidRequestException e) {
            throw lineError(number, e.getMessage());
        }
    }

    private static InvalidRequestException lineError(long number, String problem) {
        String field = "line " + number;
        return new InvalidRequestException(
                "invalid-ndjson-line",
                field + ": " + problem + "; nothing was stored",
                List.of(new Violation(field, problem)));
    }

    private NewService validated(ServiceRequest request) {
        if (request == null) {
            throw InvalidRequestException.forField(
                    "body", "a service {type, customerId, content, startTime} is" + " required");
        }
        String type = text("type", request.type(), MAX_TYPE);
        String customerId = text("customerId", request.customerId(), MAX_CUSTOMER_ID);
        JsonNode content = request.content();
        if (content != null && !content.isObject() && !content.isNull()) {
            throw InvalidRequestException.forField("content", "must be a JSON object");
        }
        OffsetDateTime start = EventTimes.parseOr("startTime", request.startTime(), clock.now());
        OffsetDateTime end = request.endTime() == null ? null : EventTimes.parse("endTime", request.endTime());
        if (end != null && end.isBefore(start)) {
            throw InvalidRequestException.forField(
                    "endTime", end + " is before startTime " + start + "; allowed: a time at or after the start");
        }
        return new NewService(
                type, customerId, content == null || content.isNull() ? "{}" : content.toString(), start, end);
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw InvalidRequestException.forField(field, "is required (1 to " + max + " characters)");
        }
        if (value.length() > max) {
            throw InvalidRequestException.forField(field, "is longer than " + max + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw InvalidRequestException.forField(field, "may not contain control characters");
        }
        return value;
    }

    private static ResourceNotFoundException notFound(long id) {
        return new ResourceNotFoundException("No service " + id);
    }
}
