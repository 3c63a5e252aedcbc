"""Small toys for the grid machinery's tests (not published): one that works,
one whose grid is too large, one whose run() fails at one point, one whose
figure is larger than the site draws."""
