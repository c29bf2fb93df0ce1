package dev.binlogfc.source.canal.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What MariaDB 11.4.5 printed for {@code SELECT CAST(col AS CHAR)} after inserting each literal into a FLOAT and a
 * DOUBLE column (the server's output pasted, never computed here); {@code ValuesMatchServerTextPropertyTest} compares
 * random values with the running server.
 */
class FloatingTextTest {

    @ParameterizedTest(name = "DOUBLE {0} is shown as {1}")
    @CsvSource({
        "1e100, 1e100", "1.7976931348623157e308, 1.7976931348623157e308",
        "-1.7976931348623157e308, -1.7976931348623157e308",
        "1e-10, 0.0000000001", "-1e-300, -1e-300", "4.9e-324, 5e-324", "-4.9e-324, -5e-324",
        "2.2250738585072014e-308, 2.2250738585072014e-308", "123456789012345678, 1.2345678901234568e17",
        "1e15, 1e15", "999999999999999, 999999999999999", "1234567890123456, 1.234567890123456e15",
        "1234567890123456.7, 1234567890123456.8", "-1234567890123456.7, -1234567890123456.8",
        "12345678901234567, 1.2345678901234568e16", "0.000123456789, 0.000123456789", "1e-15, 0.000000000000001",
        "1e-5, 0.00001", "1.5e-7, 0.00000015", "0.1, 0.1", "2.718281828459045, 2.718281828459045",
        "0.30000000000000004, 0.30000000000000004", "1e20, 1e20", "1e21, 1e21",
        "-0.00012345678901234567, -0.00012345678901234567", "1.2345678901234567e-14, 0.000000000000012345678901234567",
        "-1.2345678901234567e-15, -0.0000000000000012345678901234568", "9007199254740993, 9.007199254740992e15",
        "123456789012345.67, 123456789012345.67", "-0.0, -0", "0, 0",
        // Double.toString before JDK 19 writes these with one or two digits too many (9.3979003351612902E17).
        "9.3979003351612902E17, 9.39790033516129e17", "-7.0047859351264496E16, -7.00478593512645e16",
        "4.2799038612954522E18, 4.279903861295452e18", "-1.11098139212951616E17, -1.1109813921295162e17",
        "2.79023166327969792E17, 2.790231663279698e17"})
    void doubleAsMariaDbPrintsIt(double value, String server) {
        assertThat(FloatingText.ofDouble(value)).isEqualTo(server);
    }

    @ParameterizedTest(name = "FLOAT {0} is shown as {1}")
    @CsvSource({
        "1e38, 1e38", "3.4028234663852886e38, 3.40282e38", "-3.4028234663852886e38, -3.40282e38", "1e-10, 0.0000000001",
        "1.17549435e-38, 1.17549e-38", "1e-45, 1.4013e-45", "123456789, 123457000", "1e15, 1e15",
        "1e14, 100000000000000",
        "1234567, 1234570", "12345678, 12345700", "16777216, 16777200", "99999999, 100000000", "0.0001, 0.0001",
        "3.14159, 3.14159", "1234565, 1234560", "1234575, 1234580", "-1.23456e-9, -0.00000000123456",
        "1.23456e-14, 0.0000000000000123456", "-1.23456e-15, -0.00000000000000123456",
        "123456789012345, 123457000000000",
        "1234567890123456, 1.23457e15", "8388605, 8388600", "1.0000005, 1", "0.1, 0.1", "-0.0, -0", "3.4e38, 3.4e38"})
    void floatAsMariaDbPrintsIt(float value, String server) {
        assertThat(FloatingText.ofFloat(value)).isEqualTo(server);
    }
}
