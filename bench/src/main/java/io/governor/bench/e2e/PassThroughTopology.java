package io.governor.bench.e2e;

import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Permit;
import io.governor.schemas.json.GovernorJson;
import io.governor.schemas.kafka.EventSerdes;
import io.governor.schemas.kafka.GovernorTopics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The baseline of the end-to-end run: what any Streams application that reads intents and writes permits pays
 * (bytes in, Intent JSON decoded, a Permit built and encoded with the governor's serializer, same keys and
 * topics), without state or decisions. The difference to the governor is the cost of governing.
 */
final class PassThroughTopology {
    private PassThroughTopology() {
    }

    static Topology build(GovernorTopics topics) {
        Topology t = new Topology();
        var bytes = new ByteArrayDeserializer();
        t.addSource("intents-source", bytes, bytes, topics.intents());
        t.addProcessor("pass-through", PassThrough::new, "intents-source");
        t.addSink("permits", topics.permits(), new StringSerializer(), EventSerdes.permit(), "pass-through");
        return t;
    }

    private static final class PassThrough implements Processor<byte[], byte[], String, Permit> {
        private ProcessorContext<String, Permit> context;

        @Override
        public void init(ProcessorContext<String, Permit> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            long now = context.currentSystemTimeMs();
            Intent i = GovernorJson.decode(record.value(), Intent.class);
            Permit p = new Permit(i.id(), i.account(), i.lane(), i.tenant(), i.priority(), i.cost(), 0, now, now,
                    now + 50, 0, i.request(), i.attributes());
            context.forward(new Record<>(i.account(), p, now));
        }
    }
}
