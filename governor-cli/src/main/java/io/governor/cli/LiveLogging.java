package io.governor.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live runs and the demo draw a progress bar: the governor's and executor's periodic INFO lines and the Kafka
 * client's reconnect warnings would break it, so only errors of those are shown (failures still are).
 */
final class LiveLogging {
    private LiveLogging() {
    }

    static void quiet() {
        for (String name : new String[] {"io.governor", "org.apache.kafka", "kafka"}) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                logger.setLevel(Level.ERROR);
            }
        }
    }
}
