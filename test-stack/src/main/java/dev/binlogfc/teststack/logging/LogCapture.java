package dev.binlogfc.teststack.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures every log line, with its stack trace, that the given loggers write at the given level or above, until
 * closed; their previous levels are restored then.
 */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Map<String, Level> previousLevels = new HashMap<>();

    public LogCapture(Map<String, Level> levels) {
        super("log-capture", null, null, true, Property.EMPTY_ARRAY);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        levels.keySet().forEach(name -> previousLevels.put(name, LogManager.getLogger(name).getLevel()));
        start();
        context.getConfiguration().getRootLogger().addAppender(this, Level.ALL, null);
        Configurator.setLevel(levels);
        context.updateLoggers();
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
            .append(event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
            StringWriter trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    public List<String> lines() {
        return lines;
    }

    /** The lines of one logger, for assertions that other loggers' lines must not disturb. */
    public List<String> linesOf(String loggerName) {
        return lines.stream().filter(line -> line.startsWith(loggerName + ' ')).toList();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(getName());
        Configurator.setLevel(previousLevels);
        context.updateLoggers();
        stop();
    }
}
