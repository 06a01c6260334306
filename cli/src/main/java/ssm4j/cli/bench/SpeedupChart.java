package ssm4j.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Draws the speed-up over the scalar backend of each primitive and backend as a horizontal grouped bar chart in
 * SVG: one group per (primitive, size, threads), one bar per backend, a logarithmic axis (speed-ups span 1× to
 * 100×) with a line at 1×. Plain SVG 1.1 text, no dependency; every browser and GitHub renders it.
 */
public final class SpeedupChart {
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
    private static final int LABEL_W = 360;
    private static final int PLOT_W = 520;
    private static final int BAR_H = 14;
    private static final int GROUP_GAP = 10;
    private static final int TOP = 50;

    private SpeedupChart() {
    }

    /**
     * Renders the chart.
     *
     * @param title    the heading, e.g. the run's date and machine
     * @param speedups group label to (backend to speed-up over scalar); NaN and non-positive values are skipped
     * @return a complete SVG document
     */
    public static String svg(String title, Map<String, Map<String, Double>> speedups) {
        Set<String> backends = new LinkedHashSet<>();
        double lo = 1;
        double hi = 1;
        for (Map<String, Double> g : speedups.values()) {
            g.forEach((b, v) -> {
                if (v > 0 && Double.isFinite(v)) {
                    backends.add(b);
                }
            });
            for (double v : g.values()) {
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        // Axis from a power of ten below the smallest to one above the largest value (at least 0.1× .. 10×).
        double axisLo = Math.pow(10, Math.floor(Math.log10(Math.min(lo, 0.5))));
        double axisHi = Math.pow(10, Math.ceil(Math.log10(Math.max(hi, 2) * 1.05)));
        List<String> groups = new ArrayList<>(speedups.keySet());
        int bars = 0;
        for (Map<String, Double> g : speedups.values()) {
            bars += Math.max(1, g.size());
        }
        int height = TOP + bars * BAR_H + groups.size() * GROUP_GAP + 60;
        int width = LABEL_W + PLOT_W + 80;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                width, height, width, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                esc(title)));
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"36\">speed-up over the scalar backend (suites without "
                + "backends: over their baseline), same run; log scale, right of the dashed line = faster</text>%n"));
        int plotBottom = height - 40;
        // Axis ticks at 1, 2, 5 × powers of ten.
        for (double d = axisLo; d <= axisHi * 1.0001; d *= 10) {
            for (double m : new double[] {1, 2, 5}) {
                double v = d * m;
                if (v > axisHi * 1.0001) {
                    break;
                }
                double x = x(v, axisLo, axisHi);
                s.append(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n",
                        x, TOP - 5, x, plotBottom, m == 1 ? "#bbb" : "#eee"));
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s×</text>%n",
                        x, plotBottom + 14, tick(v)));
            }
        }
        double one = x(1, axisLo, axisHi);
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\" "
                + "stroke-dasharray=\"4,3\"/>%n", one, TOP - 5, one, plotBottom));
        int y = TOP;
        List<String> bl = new ArrayList<>(backends);
        for (String g : groups) {
            Map<String, Double> vals = speedups.get(g);
            int gTop = y;
            for (Map.Entry<String, Double> e : vals.entrySet()) {
                double v = e.getValue();
                if (!(v > 0 && Double.isFinite(v))) {
                    continue;
                }
                String colour = COLOURS[Math.max(0, bl.indexOf(e.getKey())) % COLOURS.length];
                // Bars grow from 1× (no change) to the value: right when faster, left when slower than scalar.
                double x1 = x(v, axisLo, axisHi);
                double left = Math.min(one, x1);
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                        + "fill=\"%s\"><title>%s %s: %s×</title></rect>%n", left, y + 1,
                        Math.max(0.5, Math.abs(x1 - one)),
                        BAR_H - 2, colour, esc(g), esc(e.getKey()), ResultTable.ratio(v).replace("×", "")));
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\"%s>%s×</text>%n",
                        v >= 1 ? x1 + 4 : x1 - 4, y + BAR_H - 3, v >= 1 ? "" : " text-anchor=\"end\"",
                        ResultTable.ratio(v).replace("×", "")));
                y += BAR_H;
            }
            if (y == gTop) {
                y += BAR_H;
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LABEL_W - 8, (gTop + y) / 2.0 + 4, esc(g)));
            y += GROUP_GAP;
        }
        // Legend under the axis.
        int lx = LABEL_W;
        for (int i = 0; i < bl.size(); i++) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", lx, plotBottom + 22, COLOURS[i % COLOURS.length],
                    lx + 14, plotBottom + 31, esc(bl.get(i))));
            lx += 20 + 8 * bl.get(i).length() + 20;
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static double x(double v, double lo, double hi) {
        return LABEL_W + PLOT_W * (Math.log(v / lo) / Math.log(hi / lo));
    }

    /** 1-2-5 tick labels: {@code 0.02}, {@code 0.5}, {@code 20}, {@code 1000}. */
    private static String tick(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(1)).stripTrailingZeros().toPlainString();
    }

    private static String esc(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
