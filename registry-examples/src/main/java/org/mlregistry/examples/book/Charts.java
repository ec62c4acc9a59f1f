package org.mlregistry.examples.book;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.mlregistry.examples.catalog.Execution;
import org.mlregistry.examples.output.TextValue;

/**
 * Charts for results that are a series or a comparison, drawn by JFreeChart onto JFreeSVG's
 * Graphics2D: an SVG with axes, labels and one shape per data point, readable without JavaScript.
 *
 * <p>Which results get one follows from their shape: 2 to 40 rows, a label column (values present
 * and distinct: dates or timestamps if any, else the first text or enum column), and one to three
 * number columns on the scale of the first (within a factor of 10; ids, ranks, positions, years and
 * settings such as batch sizes are no measures). Labels that
 * are dates or timestamps make a line chart (daily activity, running totals, moving averages),
 * others a bar chart (leaderboards, success rates, cost breakdowns). The parts that read the
 * system catalogs (schema checks) are left out: their numbers are sizes and positions, not data.
 */
final class Charts {

    /** Parts whose results are catalog facts rather than data. */
    private static final Set<String> NOT_DATA = Set.of("L1.P1", "L1.P2", "L2.P3", "L2.P4");
    /** Number columns that identify or describe a row rather than measure it. */
    private static final Set<String> NOT_MEASURES = Set.of("id", "row_number", "year", "batch_size", "epochs",
            "learning_rate", "port", "version", "ordinal_position");
    private static final int WIDTH = 720;
    private static final int HEIGHT = 360;
    private static final int MAX_SERIES = 3;

    /** A drawn chart: the SVG element, the number of data points it shows, and what it plots. */
    record Chart(String svg, int points, String kind, String caption) {
    }

    private Charts() {
    }

    static Optional<Chart> of(Execution execution) {
        Result<? extends Record> result = execution.result();
        if (result == null || result.size() < 2 || result.size() > 40
                || NOT_DATA.contains(execution.example().part().prefix())) {
            return Optional.empty();
        }
        Field<?>[] fields = result.fields();
        int label = labelColumn(result);
        if (label < 0) {
            return Optional.empty();
        }
        List<Integer> series = seriesColumns(result, label);
        if (series.isEmpty()) {
            return Optional.empty();
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        int points = 0;
        for (Record record : result) {
            String category = TextValue.of(record.get(label));
            for (int column : series) {
                Number value = (Number) record.get(column);
                data.addValue(value, fields[column].getName(), category);
                points += value == null ? 0 : 1;
            }
        }
        boolean timeline = result.getValues(label).stream().allMatch(Charts::isTime);
        String labelName = fields[label].getName();
        String valueName = String.join(", ", series.stream().map(c -> fields[c].getName()).toList());
        String id = execution.example().id().replace('.', '-');
        String svg = draw(data, timeline, labelName, valueName, id);
        String caption = (timeline ? "Line chart" : "Bar chart") + " of " + valueName + " by " + labelName
                + " (" + points + " points)";
        return Optional.of(new Chart(svg, points, timeline ? "line" : "bar", caption));
    }

    private static String draw(DefaultCategoryDataset data, boolean timeline, String labelName, String valueName, String id) {
        boolean legend = data.getRowCount() > 1;
        JFreeChart chart = timeline
                ? ChartFactory.createLineChart(null, labelName, valueName, data, PlotOrientation.VERTICAL, legend, false, false)
                : ChartFactory.createBarChart(null, labelName, valueName, data, PlotOrientation.VERTICAL, legend, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setElementHinting(true);
        chart.setID(id);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(new Color(0xf6f8fa));
        plot.setRangeGridlinePaint(new Color(0xd0d7de));
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        plot.getDomainAxis().setTickLabelFont(font);
        plot.getRangeAxis().setTickLabelFont(font);
        boolean longLabels = data.getColumnKeys().stream().anyMatch(key -> key.toString().length() > 12);
        if (data.getColumnCount() > 6 || longLabels && data.getColumnCount() > 2) {
            plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        if (timeline) {
            LineAndShapeRenderer renderer = (LineAndShapeRenderer) plot.getRenderer();
            renderer.setDefaultShapesVisible(true);
        } else {
            BarRenderer renderer = (BarRenderer) plot.getRenderer();
            renderer.setBarPainter(new StandardBarPainter());
            renderer.setShadowVisible(false);
        }
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        g2.setDefsKeyPrefix(id + "-");
        chart.draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT));
        return g2.getSVGElement(id + "-chart", false, new ViewBox(0, 0, WIDTH, HEIGHT), null, null);
    }

    /**
     * The label column: values all present and distinct, dates or timestamps preferred (a timeline),
     * else the first text or enum column; -1 when none.
     */
    private static int labelColumn(Result<? extends Record> result) {
        int text = -1;
        for (int column = 0; column < result.fields().length; column++) {
            List<?> values = result.getValues(column);
            if (values.contains(null) || new HashSet<>(values.stream().map(TextValue::of).toList()).size() != values.size()) {
                continue;
            }
            if (values.stream().allMatch(Charts::isTime)) {
                return column;
            }
            if (text < 0 && values.stream().allMatch(v -> v instanceof String || v instanceof Enum<?>)) {
                text = column;
            }
        }
        return text;
    }

    private static boolean isTime(Object value) {
        return value instanceof Temporal || value instanceof java.util.Date;
    }

    /** The measure columns charted: numbers, not ids or ranks, on the scale of the first. */
    private static List<Integer> seriesColumns(Result<? extends Record> result, int label) {
        List<Integer> columns = new ArrayList<>();
        double firstMax = 0;
        for (int column = 0; column < result.fields().length && columns.size() < MAX_SERIES; column++) {
            String name = result.field(column).getName().toLowerCase(Locale.ROOT);
            List<?> values = result.getValues(column);
            boolean numbers = column != label && values.stream().allMatch(v -> v == null || v instanceof Number)
                    && values.stream().filter(v -> v != null).count() >= 2;
            if (!numbers || NOT_MEASURES.contains(name) || name.endsWith("_id") || name.contains("rank")
                    || name.contains("position")) {
                continue;
            }
            double max = values.stream().filter(v -> v != null).mapToDouble(v -> Math.abs(((Number) v).doubleValue())).max().orElse(0);
            if (columns.isEmpty()) {
                firstMax = max;
            } else if (max > firstMax * 10 || max * 10 < firstMax) {
                continue;
            }
            columns.add(column);
        }
        return columns;
    }
}
