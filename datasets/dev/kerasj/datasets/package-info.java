/**
 * kerasj's datasets and data tools, the Java form of {@code keras.datasets} and the parts of
 * {@code keras.utils} the course uses.
 *
 * <ul>
 *   <li>Loaders: {@link dev.kerasj.datasets.Mnist}, {@link dev.kerasj.datasets.FashionMnist}
 *       (uint8 arrays shaped as Keras's), {@link dev.kerasj.datasets.JenaClimate},
 *       {@link dev.kerasj.datasets.Weather}, and the generic {@link dev.kerasj.datasets.CsvTimeSeriesReader}.</li>
 *   <li>Where data comes from: {@link dev.kerasj.datasets.DatasetLocator} (cache, mirror, system
 *       packages, canonical downloads) over the table {@link dev.kerasj.datasets.KnownFiles};
 *       {@link dev.kerasj.datasets.Datasets} lists and fetches for the CLI.</li>
 *   <li>Tools: {@link dev.kerasj.datasets.TimeseriesDataset} (windows as a {@code DataSetIterator}),
 *       {@link dev.kerasj.datasets.StandardScaler}, {@link dev.kerasj.datasets.MinMaxScaler},
 *       {@link dev.kerasj.datasets.DataUtils} ({@code toCategorical}, {@code normalize},
 *       {@code trainTestSplit}).</li>
 * </ul>
 *
 * <pre>{@code
 * TrainTestData mnist = Mnist.loadData();   // (60000, 28, 28) uint8 ...
 * }</pre>
 */
package dev.kerasj.datasets;
