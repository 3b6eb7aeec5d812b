/**
 * Training callbacks with Keras's names, arguments and defaults: {@link dev.kerasj.callbacks.Callback}
 * (the hooks), {@link dev.kerasj.callbacks.History}, {@link dev.kerasj.callbacks.EarlyStopping},
 * {@link dev.kerasj.callbacks.ModelCheckpoint}, {@link dev.kerasj.callbacks.ReduceLROnPlateau},
 * {@link dev.kerasj.callbacks.LearningRateScheduler}, {@link dev.kerasj.callbacks.CSVLogger},
 * {@link dev.kerasj.callbacks.TerminateOnNaN}, {@link dev.kerasj.callbacks.ProgbarLogger} and
 * {@link dev.kerasj.callbacks.LambdaCallback}. Pass them with {@code FitOptions.callbacks(...)}; see
 * {@code docs/callbacks.md}.
 */
package dev.kerasj.callbacks;
