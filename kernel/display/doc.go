// Package display turns Go values into Jupyter MIME bundles.
//
//	b, ok := display.Of(img)           // image.Image → image/png
//	b, ok = display.Of(p)              // *plot.Plot → image/png + image/svg+xml
//	b, ok = display.Of(df)             // dataframe.DataFrame → text/html + text/plain
//	b = display.Markdown("# Title").Bundle()
//
// A Bundle is what the kernel sends as execute_result, display_data or
// update_display_data. Values that implement Renderer provide their own
// bundle; Of falls back to a text/plain rendering for everything else.
package display
