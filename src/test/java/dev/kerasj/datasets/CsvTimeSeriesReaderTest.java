package dev.kerasj.datasets;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTimeSeriesReaderTest {
    private static final String CSV = String.join("\n",
            "location,date,precipitation,temp_max,weather",   // line 1
            "Seattle,2012-01-01,0.0,12.8,drizzle",             // 2
            "Seattle,2012-01-02,10.9,10.6,rain",               // 3
            "Seattle,2012-01-03,,11.7,rain",                   // 4: empty value
            "Seattle,2012-01-04,20.3",                         // 5: too few fields
            "",                                                // 6: blank, ignored
            "Seattle,2012-13-05,1.3,8.9,rain",                 // 7: bad date
            "New York,2012-01-01,1.8,10.0,rain",               // 8: filtered out
            "Seattle,2012-01-06,2.5,abc,rain",                 // 9: not a number
            "Seattle,\"2012-01-07\",0.0,7.2,sun");             // 10

    private static byte[] bytes() {
        return CSV.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsChosenColumnsTimestampsAndReportsMalformedLines() {
        TimeSeriesTable t = new CsvTimeSeriesReader().timestampColumn("date", "yyyy-MM-dd").where("location", "Seattle")
                .columns("temp_max", "precipitation").read(bytes(), "toy.csv");
        assertEquals(List.of("temp_max", "precipitation"), t.columnNames());
        assertEquals(3, t.numRows());
        assertArrayEquals(new long[] {3, 2}, t.values().shape());
        assertArrayEquals(new float[] {12.8f, 10.6f, 7.2f}, t.column("temp_max").toFloatVector());
        assertEquals(List.of(LocalDateTime.of(2012, 1, 1, 0, 0), LocalDateTime.of(2012, 1, 2, 0, 0),
                LocalDateTime.of(2012, 1, 7, 0, 0)), t.timestamps());
        assertEquals(List.of(4L, 5L, 7L, 9L), t.malformedRows().stream().map(MalformedRow::lineNumber).toList());
        assertEquals("line 4: column 3 (\"precipitation\") is empty", t.malformedRows().get(0).toString());
        assertEquals("line 5: expected 5 fields, found 3", t.malformedRows().get(1).toString());
        assertTrue(t.malformedRows().get(2).reason().contains("does not match the pattern yyyy-MM-dd"));
        assertEquals("line 9: column 4 (\"temp_max\") is not a number: \"abc\"", t.malformedRows().get(3).toString());
    }

    @Test
    void defaultColumnsAreTheNumericOnes() {
        TimeSeriesTable t = new CsvTimeSeriesReader().timestampColumn("date", "yyyy-MM-dd").read(bytes(), "toy.csv");
        assertEquals(List.of("precipitation", "temp_max"), t.columnNames());
        assertEquals(4, t.numRows());
    }

    @Test
    void failOnMalformedAndUnknownColumns() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> new CsvTimeSeriesReader().columns("temp_max", "precipitation").failOnMalformed(true)
                        .read(bytes(), "toy.csv"));
        assertTrue(e.getMessage().contains("Malformed row in toy.csv, line 4"), e.getMessage());
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
                () -> new CsvTimeSeriesReader().columns("temp").read(bytes(), "toy.csv"));
        assertTrue(u.getMessage().contains("Invalid `columns`: expected a column of toy.csv, one of [location, date,"
                + " precipitation, temp_max, weather]. Received: columns=temp"), u.getMessage());
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsSkipped() {
        // was: the first column named "\uFEFFlocation", so where("location", …) found no such column
        byte[] withBom = ("\uFEFF" + CSV).getBytes(StandardCharsets.UTF_8);
        assertEquals((byte) 0xEF, withBom[0]);
        TimeSeriesTable t = new CsvTimeSeriesReader().timestampColumn("date", "yyyy-MM-dd").where("location", "Seattle")
                .columns("temp_max").read(withBom, "bom.csv");
        assertArrayEquals(new float[] {12.8f, 10.6f, 11.7f, 7.2f}, t.column("temp_max").toFloatVector());
    }

    @Test
    void nonFiniteValuesAreMalformedWithLineAndColumn() {
        String csv = "date,a,b\n2012-01-01,1,2\n2012-01-02,NaN,2\n2012-01-03,1,1e999\n2012-01-04,-Infinity,2\n"
                + "2012-01-05,1,1e39\n2012-01-06,3,4\n";
        TimeSeriesTable t = new CsvTimeSeriesReader().read(csv.getBytes(StandardCharsets.UTF_8), "f.csv");
        assertEquals(List.of("line 3: column 2 (\"a\") is not a finite FLOAT number: \"NaN\"",
                "line 4: column 3 (\"b\") is not a finite FLOAT number: \"1e999\"",
                "line 5: column 2 (\"a\") is not a finite FLOAT number: \"-Infinity\"",
                "line 6: column 3 (\"b\") is not a finite FLOAT number: \"1e39\""),
                t.malformedRows().stream().map(MalformedRow::toString).toList());
        assertArrayEquals(new float[] {1, 2, 3, 4}, t.values().reshape(4).toFloatVector());
        // 1e39 is finite as a double
        TimeSeriesTable d = new CsvTimeSeriesReader().dataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .read(csv.getBytes(StandardCharsets.UTF_8), "f.csv");
        assertEquals(3, d.malformedRows().size());
    }

    @Test
    void aMissingFirstValueKeepsItsColumnAndReportsTheRow() {
        // was: the column silently left out of the default columns because its first value was empty
        String csv = "date,a,b,label\n2012-01-01,,2,x\n2012-01-02,3,4,y\n";
        TimeSeriesTable t = new CsvTimeSeriesReader().timestampColumn("date", "yyyy-MM-dd")
                .read(csv.getBytes(StandardCharsets.UTF_8), "f.csv");
        assertEquals(List.of("a", "b"), t.columnNames());
        assertEquals("line 2: column 2 (\"a\") is empty", t.malformedRows().get(0).toString());
        assertArrayEquals(new float[] {3, 4}, t.values().reshape(2).toFloatVector());
    }

    @Test
    void aSemicolonSeparatedFileIsNamedAsSuch() {
        String csv = "date;temp\n2012-01-01;3.5\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CsvTimeSeriesReader()
                .columns("temp").read(csv.getBytes(StandardCharsets.UTF_8), "semi.csv"));
        assertEquals("Invalid `columns`: expected a column of semi.csv, one of [date;temp]. Received: columns=temp. The "
                + "header is one field holding ';': the file separates fields with it; read it with delimiter(';').",
                e.getMessage());
        TimeSeriesTable t = new CsvTimeSeriesReader().delimiter(';').columns("temp")
                .read(csv.getBytes(StandardCharsets.UTF_8), "semi.csv");
        assertEquals(3.5f, t.column("temp").getFloat(0));
    }

    @Test
    void jenaRefusesNanAndInfinityWithRowAndColumn() {
        // was: NaN and 1e999 (infinity) loaded as temperatures
        String header = "\"Date Time\",\"p (mbar)\",\"T (degC)\",\"Tpot (K)\",\"Tdew (degC)\",\"rh (%)\",\"VPmax (mbar)\","
                + "\"VPact (mbar)\",\"VPdef (mbar)\",\"sh (g/kg)\",\"H2OC (mmol/mol)\",\"rho (g/m**3)\",\"wv (m/s)\","
                + "\"max. wv (m/s)\",\"wd (deg)\"";
        String good = "01.01.2009 00:10:00,996.52,-8.02,265.40,-8.90,93.30,3.33,3.11,0.22,1.94,3.12,1307.75,1.03,1.75,152.30\n";
        for (String bad : List.of("NaN", "1e999")) {
            String row = "01.01.2009 00:20:00,996.57," + bad + ",265.01,-9.28,93.40,3.23,3.02,0.21,1.89,3.03,1309.80,0.72,"
                    + "1.50,136.10\n";
            byte[] content = (header + "\n" + good + row).getBytes(StandardCharsets.UTF_8);
            DatasetException e = assertThrows(DatasetException.class, () -> JenaClimate.parse(content, "jena.csv", 1));
            assertTrue(e.getMessage().startsWith("Malformed row in jena.csv, line 3: column 3 (\"T (degC)\") is not a "
                    + "finite FLOAT number: \"" + bad + "\"."), e.getMessage());
            assertTrue(e.getMessage().contains("scripts/fetch-datasets jena-climate"), e.getMessage());
        }
    }

    @Test
    void jenaParserChecksHeaderAndRowCount() {
        String header = "\"Date Time\",\"p (mbar)\",\"T (degC)\",\"Tpot (K)\",\"Tdew (degC)\",\"rh (%)\",\"VPmax (mbar)\","
                + "\"VPact (mbar)\",\"VPdef (mbar)\",\"sh (g/kg)\",\"H2OC (mmol/mol)\",\"rho (g/m**3)\",\"wv (m/s)\","
                + "\"max. wv (m/s)\",\"wd (deg)\"";
        String rows = "01.01.2009 00:10:00,996.52,-8.02,265.40,-8.90,93.30,3.33,3.11,0.22,1.94,3.12,1307.75,1.03,1.75,152.30\n"
                + "01.01.2009 00:20:00,996.57,-8.41,265.01,-9.28,93.40,3.23,3.02,0.21,1.89,3.03,1309.80,0.72,1.50,136.10\n";
        byte[] content = (header + "\n" + rows).getBytes(StandardCharsets.UTF_8);
        TimeSeriesTable t = JenaClimate.parse(content, "jena.csv", 2);
        assertEquals(JenaClimate.FEATURES, t.columnNames());
        assertEquals(-8.41f, t.column(JenaClimate.TEMPERATURE).getFloat(1));
        assertEquals(LocalDateTime.of(2009, 1, 1, 0, 20), t.timestamps().get(1));
        assertTrue(assertThrows(DatasetException.class, () -> JenaClimate.parse(content, "jena.csv", 3)).getMessage()
                .contains("has 2 data rows, expected at least 3"));
        byte[] wrong = ("a,b\n1,2\n").getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(DatasetException.class, () -> JenaClimate.parse(wrong, "x.csv", 1)).getMessage()
                .contains("does not have the Jena climate header"));
    }
}
