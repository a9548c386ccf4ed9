-- Reserved: filled in by the change that adds this register.
SELECT 1;
