// App entry; the real shell lands with the UI.
document.body.append('R1-CI');
