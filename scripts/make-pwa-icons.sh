#!/usr/bin/env bash
# Draws the PWA icons into public/icons/ with ImageMagick (apt: imagemagick). Run again after changing
# the design; the PNGs are committed so a build needs no ImageMagick.
#   icon-192.png, icon-512.png: "any" purpose, rounded square on transparency.
#   maskable-512.png:           full-bleed background, the mark kept inside the central 80% safe zone
#                               (platforms crop maskable icons to a circle or squircle).
set -euo pipefail
cd "$(dirname "$0")/.."
out=public/icons
mkdir -p "$out"
BG='#1f2937'      # slate: also the manifest's theme and background colour
FG='#f9fafb'
ACCENT='#fbbf24'  # amber prompt, a nod to the code cells
FONT=DejaVu-Sans-Bold
MONO=DejaVu-Sans-Mono-Bold

# mark SIZE SCALE: the "R1" and ">_" mark for an icon of SIZE px, drawn at SCALE of the full-size layout.
draw_mark() {
  local size=$1 scale=$2 file=$3
  local big small
  big=$(awk "BEGIN{print int($size*0.40*$scale)}")
  small=$(awk "BEGIN{print int($size*0.17*$scale)}")
  convert "$file" \
    -gravity center -font "$FONT" -pointsize "$big" -fill "$FG" -annotate "+0-$(awk "BEGIN{print int($size*0.07*$scale)}")" 'R1' \
    -font "$MONO" -pointsize "$small" -fill "$ACCENT" -annotate "+0+$(awk "BEGIN{print int($size*0.24*$scale)}")" '>_ py' \
    "$file"
}

for size in 192 512; do
  radius=$(( size / 6 ))
  convert -size "${size}x${size}" xc:none -fill "$BG" -draw "roundrectangle 0,0,$((size-1)),$((size-1)),$radius,$radius" "$out/icon-$size.png"
  draw_mark "$size" 1 "$out/icon-$size.png"
done

convert -size 512x512 "xc:$BG" "$out/maskable-512.png"
draw_mark 512 0.72 "$out/maskable-512.png"

# Apple touch icon: iOS ignores the manifest icons and does not honour transparency.
convert -size 180x180 "xc:$BG" "$out/apple-touch-icon-180.png"
draw_mark 180 0.85 "$out/apple-touch-icon-180.png"
ls -l "$out"
