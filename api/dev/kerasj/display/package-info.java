/**
 * Pictures and tables of kerasj objects for notebooks and reports, in pure Java (headless AWT and
 * {@code javax.imageio}): learning curves ({@link dev.kerasj.display.Plots#history}), line charts
 * ({@link dev.kerasj.display.LineChart}), grids of images ({@link dev.kerasj.display.Images}), confusion
 * matrices ({@link dev.kerasj.display.ConfusionMatrix}) and the model summary as an HTML table
 * ({@link dev.kerasj.display.Summaries}).
 *
 * <p>Results are {@link dev.kerasj.display.Png} and {@link dev.kerasj.display.Html} values that any Java
 * Jupyter kernel can show, without kerasj depending on one: in IJava or JJava,
 * {@code display(png.image())} shows a picture and {@code display(html.toHtml(), "text/html")} a table;
 * elsewhere {@code save(Path)} writes a file.
 *
 * <pre>{@code
 * History h = model.fit(x, y, 10, 128);
 * display(Plots.history(h).image());
 * display(Summaries.html(model).toHtml(), "text/html");
 * }</pre>
 */
package dev.kerasj.display;
