// A choice that must belong to another chosen record (the 町内会 of the chosen 地区) offers only
// the options that do. Without JavaScript every option stays, named with its 地区, and the server
// refuses a mismatch with a message.
(function () {
  'use strict';
  document.querySelectorAll('select[data-group-field]').forEach(function (select) {
    var owner = select.form && select.form.querySelector('select[name="' + select.dataset.groupField + '"]');
    if (!owner) return;
    function offerMatching() {
      var chosen = owner.value;
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        var fits = !chosen || !option.dataset.group || option.dataset.group === chosen;
        option.hidden = !fits;
        option.disabled = !fits;
      });
      if (select.selectedOptions.length && select.selectedOptions[0].disabled) select.value = '';
    }
    owner.addEventListener('change', offerMatching);
    offerMatching();
  });
})();
