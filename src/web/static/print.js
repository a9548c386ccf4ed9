// The print view's 印刷する button: it needs JavaScript, so it stays hidden without it (the page
// says how to print from the browser instead).
(function () {
  'use strict';
  var buttons = document.querySelectorAll('button[data-print]');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener('click', function () { window.print(); });
  }
})();
